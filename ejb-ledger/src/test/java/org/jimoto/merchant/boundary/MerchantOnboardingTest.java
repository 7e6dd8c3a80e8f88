package org.jimoto.merchant.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jimoto.merchant.boundary.MerchantOnboarding.ApplicationForm;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.Declaration;
import org.jimoto.merchant.entity.MerchantApplication.Details;
import org.jimoto.merchant.entity.ShopCategory;
import org.junit.jupiter.api.Test;

/**
 * The application form's checks (R-60: every declaration; the shop page's Zengin bank checks and
 * half-width kana holder) and the boundary's roles (#11: CITY_ADMIN decides, CITY_AUDITOR reads, a
 * CITY_CLERK neither), without a container.
 */
class MerchantOnboardingTest {

  private static ApplicationForm form(Set<Declaration> declared, String bankCode, String holder) {
    return new ApplicationForm(
        " テスト商事 ",
        "試験 太郎",
        "若葉川市本町3-1-1",
        "0270-11-2233",
        "テスト商店",
        "",
        "RETAIL",
        "若葉川市本町3-1-2",
        "０２７０-１１-２２３４",
        "Apply@Example.JP",
        bankCode,
        "001",
        "ORDINARY",
        "12345",
        holder,
        declared);
  }

  private static List<Problem> problems(ApplicationForm form) {
    List<Problem> problems = new ArrayList<>();
    Details d = new MerchantOnboarding().check(form, Locale.JAPANESE, problems);
    assertEquals(problems.isEmpty(), d != null);
    return problems;
  }

  @Test
  void aCompleteFormIsCheckedLikeTheShopPagesBankAccount_R60() {
    List<Problem> problems = new ArrayList<>();
    Details d =
        new MerchantOnboarding()
            .check(
                form(EnumSet.allOf(Declaration.class), "0001", "やまだ　たろう"),
                Locale.JAPANESE,
                problems);
    assertEquals(List.of(), problems);
    assertEquals("テスト商事", d.businessName());
    assertEquals("apply@example.jp", d.email());
    assertEquals("0270-11-2234", d.shopPhone(), "full-width digits as typed, normalized");
    assertNull(d.shopNameEn(), "optional");
    assertEquals(ShopCategory.RETAIL, d.shopCategory());
    assertEquals("みずほ", d.bankName());
    assertEquals("東京営業部", d.branchName());
    assertEquals(BankAccount.Type.ORDINARY, d.accountType());
    assertEquals("0012345", d.accountNumber(), "7 digits, zero-padded");
    assertEquals("ﾔﾏﾀﾞ ﾀﾛｳ", d.holderKana(), "half-width kana for the Zengin transfer");
  }

  @Test
  void eachMissingDeclarationIsRefusedByName_R60() {
    var declared = EnumSet.allOf(Declaration.class);
    declared.remove(Declaration.NOT_ORGANIZED_CRIME);
    declared.remove(Declaration.SHOP_IN_CITY);
    List<Problem> problems = problems(form(declared, "0001", "ヤマダ タロウ"));
    assertEquals(
        List.of("declaration_SHOP_IN_CITY", "declaration_NOT_ORGANIZED_CRIME"),
        problems.stream().map(Problem::field).toList());
    assertEquals(
        "「暴力団排除条例に該当しないこと」の確認がありません。加盟店登録要件のすべてを確認し、チェックを入れてください。",
        problems.get(1).message(Locale.JAPANESE));
    assertEquals(
        "The declaration \"Not an organized crime group member\" is not ticked. Read every"
            + " eligibility requirement and tick each one.",
        problems.get(1).message(Locale.ENGLISH));
  }

  @Test
  void badFieldsAreRefusedEachWithItsMessage() {
    var bad =
        new ApplicationForm(
            "",
            " ",
            "",
            "12345",
            "",
            "",
            "NO_SUCH",
            "",
            "",
            "not-an-address",
            "9999",
            "001",
            "",
            "",
            "山田",
            Set.of());
    List<Problem> problems = problems(bad);
    List<String> fields = problems.stream().map(Problem::field).toList();
    for (String f :
        List.of(
            "businessName",
            "representative",
            "businessAddress",
            "businessPhone",
            "shopName",
            "shopCategory",
            "shopAddress",
            "shopPhone",
            "email",
            "bankCode",
            "type",
            "number",
            "holder")) {
      assertTrue(fields.contains(f), f + " refused: " + fields);
    }
    assertEquals(5, fields.stream().filter(f -> f.startsWith("declaration_")).count());
    Problem holder = problems.stream().filter(p -> p.field().equals("holder")).findFirst().get();
    assertEquals(ProfileRefusal.HOLDER_KANJI, holder.refusal());
    Problem bank = problems.stream().filter(p -> p.field().equals("bankCode")).findFirst().get();
    assertEquals("金融機関コード 9999 は全銀コード一覧にありません。", bank.message(Locale.JAPANESE));
    assertEquals(
        "Enter the representative's name.",
        problems.stream()
            .filter(p -> p.field().equals("representative"))
            .findFirst()
            .get()
            .message(Locale.ENGLISH));
  }

  // ------------------------------------------------------------------ roles (#11)

  private static String[] roles(String method) {
    Method m =
        Arrays.stream(MerchantOnboarding.class.getDeclaredMethods())
            .filter(x -> x.getName().equals(method) && Modifier.isPublic(x.getModifiers()))
            .findFirst()
            .orElseThrow();
    RolesAllowed r = m.getAnnotation(RolesAllowed.class);
    return r == null ? null : r.value();
  }

  @Test
  void onlyACityAdministratorDecides_aClerkOrAnAuditorCannot() {
    for (String decision : List.of("approve", "reject", "askCorrection", "publishShop")) {
      assertArrayEquals(new String[] {"CITY_ADMIN"}, roles(decision), decision);
    }
  }

  @Test
  void anAuditorReadsTheQueue_aClerkDoesNot() {
    for (String read : List.of("list", "open")) {
      assertArrayEquals(new String[] {"CITY_ADMIN", "CITY_AUDITOR"}, roles(read), read);
    }
  }

  /** No public method is left to the container's default (everyone): each says who may call it. */
  @Test
  void everyPublicMethodStatesWhoMayCallIt() {
    for (Method m : MerchantOnboarding.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      boolean roles = m.isAnnotationPresent(RolesAllowed.class);
      boolean all = m.isAnnotationPresent(PermitAll.class);
      assertTrue(roles ^ all, m.getName());
      if (all) {
        assertTrue(
            Set.of("declarations", "submit", "correction", "resubmit").contains(m.getName()),
            m.getName() + " is open to anybody");
      }
    }
    assertNotNull(roles("approve"));
  }
}
