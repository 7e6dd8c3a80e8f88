package org.jimoto.web.admin.nightly;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.jimoto.nightly.boundary.NightlyJobs;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyRun;
import org.jimoto.nightly.control.NightlyStarter;
import org.jimoto.web.i18n.PortalMessages;

/** The nightly runs with their progress; the administrator starts today's run (#12 item 7). */
@Named("nightly")
@ViewScoped
public class NightlyBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject NightlyJobs jobs;

  private transient List<NightlyRun> runs;

  public List<NightlyRun> getRuns() {
    if (runs == null) {
      runs = jobs.recent();
    }
    return runs;
  }

  /**
   * Whether a run is really working (RUNNING with a recent heartbeat): the page then polls for its
   * progress, and stops when none is (a dead node's run waits for its takeover unwatched).
   */
  public boolean isAnyRunning() {
    return getRuns().stream().anyMatch(NightlyRun::running) && jobs.anyWorking(getRuns());
  }

  public void refresh() {
    runs = null;
  }

  public String startExpiry() {
    return start(NightlyJob.EXPIRY);
  }

  public String startBonus() {
    return start(NightlyJob.BONUS);
  }

  private String start(NightlyJob job) {
    NightlyStarter.Started started = jobs.startToday(job);
    NightlyRun run = started.run();
    PortalMessages.info(
        PortalMessages.text(
            started.started() ? "nightly.started" : "nightly.exists",
            PortalMessages.text("nightly.job." + job.name()),
            run.day().toString(),
            PortalMessages.text("nightly.state." + run.state())));
    refresh();
    return null;
  }

  /** The job's name in the page's language. */
  public String jobName(NightlyRun run) {
    return PortalMessages.text("nightly.job." + run.job().name());
  }
}
