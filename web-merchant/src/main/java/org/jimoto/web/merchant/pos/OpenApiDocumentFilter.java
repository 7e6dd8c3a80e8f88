package org.jimoto.web.merchant.pos;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Keeps the served {@code /openapi} document valid OpenAPI 3 (issue #9 item 11). Payara 6 (seen on
 * 6.2025.9) adds a top-level {@code endpoints} map (context root to paths, for its own merging of
 * several applications) to every document with paths; OpenAPI allows no such key, so validators
 * (swagger-parser, Redocly CLI) report the document as invalid. No Payara setting turns it off; it
 * is a property of Payara's model class, not an extension, so the MicroProfile model API cannot
 * reach it: it is emptied here by name, and Payara writes no empty map. A Payara without the
 * property (Payara's FISH-12303 renames it {@code x-endpoints}, an allowed extension) is left as it
 * is.
 *
 * <p>MicroProfile OpenAPI runs this filter once, when the document is first built ({@code
 * mp.openapi.filter} in the application's {@code microprofile-config.properties}, in ejb-ledger);
 * the POS API's requests never reach it.
 */
public class OpenApiDocumentFilter implements OASFilter {

  private static final Logger LOG = Logger.getLogger(OpenApiDocumentFilter.class.getName());

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Method setEndpoints;
    try {
      setEndpoints = openApi.getClass().getMethod("setEndpoints", Map.class);
    } catch (NoSuchMethodException e) {
      return; // nothing non-standard to take out
    }
    try {
      // Empty rather than null: Payara copies the map when it serves the document.
      setEndpoints.invoke(openApi, new TreeMap<String, Object>());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Payara's 'endpoints' stays in the OpenAPI document", e);
    }
  }
}
