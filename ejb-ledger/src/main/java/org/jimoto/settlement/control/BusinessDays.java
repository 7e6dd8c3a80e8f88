package org.jimoto.settlement.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's {@link BusinessCalendar}: the bundled Cabinet Office holiday list, or the file
 * {@code jimoto.settlement.holidays-file} names (the Cabinet Office's {@code syukujitsu.csv} as
 * downloaded, Shift_JIS). The file is read again when its modification time changes, so next year's
 * holidays go in without a rebuild or a restart. A file that cannot be read or is not the Cabinet
 * Office's list fails every call with its reason until it is fixed, rather than let a payout date
 * be computed from a list nobody meant.
 */
@ApplicationScoped
public class BusinessDays {

  @Inject
  @ConfigProperty(name = "jimoto.settlement.holidays-file")
  Optional<String> holidaysFile;

  private record Loaded(BusinessCalendar calendar, FileTime modified) {}

  private volatile Loaded loaded;

  public BusinessCalendar calendar() {
    Optional<Path> file = holidaysFile.filter(s -> !s.isBlank()).map(Path::of);
    if (file.isEmpty()) {
      Loaded l = loaded;
      if (l == null) {
        l = new Loaded(CabinetOfficeHolidays.bundled(), null);
        loaded = l;
      }
      return l.calendar();
    }
    return fromFile(file.get());
  }

  private synchronized BusinessCalendar fromFile(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      Loaded l = loaded;
      if (l == null || !modified.equals(l.modified())) {
        try (InputStream in = Files.newInputStream(file)) {
          l = new Loaded(CabinetOfficeHolidays.read(in, file.toString()), modified);
        }
        loaded = l;
      }
      return l.calendar();
    } catch (IOException e) {
      throw new UncheckedIOException("jimoto.settlement.holidays-file " + file, e);
    }
  }
}
