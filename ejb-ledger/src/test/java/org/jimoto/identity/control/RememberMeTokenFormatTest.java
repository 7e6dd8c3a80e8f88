package org.jimoto.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cookie value of "keep me signed in" (#9 item 1): only selector:validator in base64url. */
class RememberMeTokenFormatTest {

  @Test
  void aWellFormedTokenSplitsIntoSelectorAndValidator() {
    assertEquals(
        Optional.of(new RememberMeTokens.Parts("AbC-_9", "xyz_-0")),
        RememberMeTokens.Parts.parse("AbC-_9:xyz_-0"));
  }

  @Test
  void anythingElseIsNoToken() {
    for (String bad :
        new String[] {
          null,
          "",
          ":",
          "abc",
          "abc:",
          ":abc",
          "a b:c",
          "a:b:c",
          "a'--:b",
          "a".repeat(33) + ":b",
          "a:" + "b".repeat(100)
        }) {
      assertTrue(RememberMeTokens.Parts.parse(bad).isEmpty(), String.valueOf(bad));
    }
  }

  @Test
  void onlyTheValidatorsHashIsStored() {
    assertEquals(
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        RememberMeTokens.sha256("hello"));
  }
}
