package org.jimoto.web.merchant.pos;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON provider, looked up once. {@code jakarta.json.Json}'s static methods run a ServiceLoader
 * search through every class loader on each call; on the payment path that was a fifth of the
 * server's CPU.
 */
final class PosJson {

  static final JsonProvider JSON = JsonProvider.provider();

  private PosJson() {}
}
