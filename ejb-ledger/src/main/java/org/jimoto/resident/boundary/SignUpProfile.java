package org.jimoto.resident.boundary;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a resident tells about themselves at sign-up: name, name in katakana, date of birth
 * the 70+ bonus), address and whether it is in the city.
 */
public record SignUpProfile(
    String name, String nameKana, LocalDate birthDate, String address, boolean livesInCity) {

  /** Katakana (full-width), the prolonged sound mark, middle dot and spaces. */
  private static final Pattern KANA = Pattern.compile("[\\u30A0-\\u30FF\\u3000 ]+");

  /** What is wrong with it, as of {@code today}; empty when fine. */
  public Set<SignUpProblem> problems(LocalDate today) {
    Set<SignUpProblem> p = EnumSet.noneOf(SignUpProblem.class);
    if (blank(name) || name.strip().length() > 100) {
      p.add(SignUpProblem.NAME_MISSING);
    }
    if (blank(nameKana)
        || nameKana.strip().length() > 100
        || !KANA.matcher(nameKana.strip()).matches()) {
      p.add(SignUpProblem.KANA_INVALID);
    }
    if (birthDate == null
        || !birthDate.isBefore(today)
        || birthDate.isBefore(today.minusYears(130))) {
      p.add(SignUpProblem.BIRTH_DATE_INVALID);
    }
    if (blank(address) || address.strip().length() > 300) {
      p.add(SignUpProblem.ADDRESS_MISSING);
    }
    return p;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
