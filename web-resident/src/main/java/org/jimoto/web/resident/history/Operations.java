package org.jimoto.web.resident.history;

import java.util.Locale;
import org.jimoto.ledger.entity.Operation;

/** An operation's name in the resident's language (the ledger's report vocabulary, R-71). */
final class Operations {

  private Operations() {}

  static String name(Operation operation, Locale locale) {
    return "ja".equals(locale.getLanguage()) ? operation.nameJa() : capitalized(operation.nameEn());
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
