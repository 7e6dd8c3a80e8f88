package org.jimoto.merchant.boundary;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Why the ledger refused a change to a shop's profile, its photos or the business's bank account
 * (#9 item 8), or a merchant application (#11 item 1). Every refusal changes nothing. Messages in
 * Japanese and English come from {@code org/jimoto/merchant/profile*.properties}.
 */
public enum ProfileRefusal {
  /** Another business's shop, or not the shop account's own: as if it did not exist. */
  SHOP_NOT_IN_REACH,
  NAME_REQUIRED,
  TEXT_TOO_LONG,
  TEXT_CONTROL_CHARACTERS,
  CATEGORY_REQUIRED,
  ADDRESS_REQUIRED,
  PHONE_INVALID,
  PHOTO_EMPTY,
  PHOTO_TOO_LARGE,
  PHOTO_NOT_JPEG_OR_PNG,
  PHOTO_UNREADABLE,
  PHOTO_TOO_MANY_PIXELS,
  PHOTO_TOO_SMALL,
  PHOTO_LIMIT,
  PHOTO_NOT_FOUND,
  /** Only the business account (事業者アカウント) sets where the payouts go. */
  BUSINESS_ACCOUNT_ONLY,
  BANK_CODE_FORMAT,
  BANK_UNKNOWN,
  BRANCH_CODE_FORMAT,
  BRANCH_UNKNOWN,
  ACCOUNT_TYPE_REQUIRED,
  ACCOUNT_NUMBER_EMPTY,
  ACCOUNT_NUMBER_NOT_DIGITS,
  ACCOUNT_NUMBER_TOO_LONG,
  ACCOUNT_NUMBER_JAPAN_POST,
  ACCOUNT_NUMBER_ALL_ZEROS,
  HOLDER_EMPTY,
  HOLDER_KANJI,
  HOLDER_CHARACTER,
  HOLDER_TOO_LONG,
  // #11 onboarding: the public application form and the city's review.
  BUSINESS_NAME_REQUIRED,
  REPRESENTATIVE_REQUIRED,
  BUSINESS_ADDRESS_REQUIRED,
  EMAIL_INVALID,
  /** a declaration not ticked; its argument is the declaration's short name. */
  DECLARATION_MISSING,
  TOO_MANY_APPLICATIONS,
  CORRECTION_LINK_INVALID,
  APPLICATION_NOT_FOUND,
  /** Decided already (or waiting for the applicant's correction): only a submitted one is. */
  APPLICATION_NOT_PENDING,
  DECISION_REASON_REQUIRED,
  /** only the shop of an approved application is published from the review queue. */
  APPLICATION_NOT_APPROVED;

  private static final String BUNDLE = "org.jimoto.merchant.profile";

  public String message(Locale locale, Object... args) {
    Object[] named = args.clone();
    for (int i = 0; i < named.length; i++) {
      // #11 onboarding: a declaration is named in the language of the page that shows it.
      if (named[i] instanceof org.jimoto.merchant.entity.Declaration d) {
        named[i] = label(locale, "declaration." + d.name() + ".short");
      }
    }
    return new MessageFormat(bundle(locale).getString(name()), locale).format(named);
  }

  static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale, ProfileRefusal.class.getClassLoader());
  }

  /** A name from the same bundle: {@code category.GROCERY}, {@code accountType.ORDINARY}... */
  public static String label(Locale locale, String key) {
    return bundle(locale).getString(key);
  }

  /**
   * One refused field of a form.
   *
   * @param field the form field it is about (nameJa, phone, bankCode, holder...), for the page
   * @param args the message's arguments
   */
  public record Problem(String field, ProfileRefusal refusal, List<Object> args) {

    public Problem {
      args = List.copyOf(args);
    }

    public static Problem of(String field, ProfileRefusal refusal, Object... args) {
      return new Problem(field, refusal, List.of(args));
    }

    public String message(Locale locale) {
      return refusal.message(locale, args.toArray());
    }
  }
}
