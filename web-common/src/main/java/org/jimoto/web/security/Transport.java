package org.jimoto.web.security;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How clients must reach the portals (#8 finding 6): {@code JIMOTO_HTTPS=true} makes HTTPS the only
 * way in; {@code JIMOTO_PUBLIC_HTTPS_PORT} is the HTTPS port clients see (the launcher sets it: the
 * HTTPS listener's, or 443 behind a proxy). Read once per portal at start-up.
 */
record Transport(boolean httpsOnly, int publicHttpsPort) {

  static Transport fromConfig(ClassLoader loader) {
    Config config = ConfigProvider.getConfig(loader);
    return new Transport(
        config.getOptionalValue("jimoto.https", Boolean.class).orElse(false),
        config.getOptionalValue("jimoto.public.https.port", Integer.class).orElse(443));
  }
}
