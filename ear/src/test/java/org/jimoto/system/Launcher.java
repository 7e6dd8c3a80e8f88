package org.jimoto.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's launcher ({@code ./jimoto}) the way a user does, capturing its output. */
final class Launcher {

  static final Path ROOT = Path.of(System.getProperty("jimoto.it.root", "..")).toAbsolutePath();

  record Result(int exitCode, String output, long millis) {}

  private Launcher() {}

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    var command = new java.util.ArrayList<String>();
    command.add(ROOT.resolve("jimoto").toString());
    command.addAll(java.util.List.of(args));
    var builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("JIMOTO_"));
    builder.environment().put("JIMOTO_SKIP_BUILD", "true");
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("launcher did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1_000_000);
  }
}
