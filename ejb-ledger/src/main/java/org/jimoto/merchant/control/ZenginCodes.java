package org.jimoto.merchant.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Zengin bank and branch code list (全銀協 金融機関コード・店舗コード), as the npm package {@code zengin-code}
 * publishes it (MIT; the build fetches it, see ejb-ledger's pom). Read once, on first use, from the
 * jar: about 1,200 banks and 30,000 branches, a few megabytes of memory.
 */
public final class ZenginCodes {

  static final String RESOURCE = "org/jimoto/merchant/zengin/lib/zengin-data.js";

  /** A bank (金融機関) of the list; {@code name} without 銀行, as the list gives it. */
  public record Bank(String code, String name, String kana, String hira, String roma) {}

  public record Branch(String code, String name, String kana, String hira, String roma) {}

  private record Entry(Bank bank, Map<String, Branch> branches) {}

  private static volatile Map<String, Entry> banks;

  private ZenginCodes() {}

  public static Optional<Bank> bank(String code) {
    Entry e = code == null ? null : data().get(code);
    return e == null ? Optional.empty() : Optional.of(e.bank());
  }

  public static Optional<Branch> branch(String bankCode, String branchCode) {
    Entry e = bankCode == null ? null : data().get(bankCode);
    return e == null || branchCode == null
        ? Optional.empty()
        : Optional.ofNullable(e.branches().get(branchCode));
  }

  /** Banks whose code starts with the query or whose name (kanji, kana or romaji) contains it. */
  public static List<Bank> findBanks(String query, int limit) {
    Predicate<String[]> match = matcher(query);
    return data().values().stream()
        .map(Entry::bank)
        .filter(b -> match.test(new String[] {b.code(), b.name(), b.kana(), b.hira(), b.roma()}))
        .sorted(Comparator.comparing(Bank::code))
        .limit(limit)
        .toList();
  }

  /** The same among one bank's branches. */
  public static List<Branch> findBranches(String bankCode, String query, int limit) {
    Entry e = bankCode == null ? null : data().get(bankCode);
    if (e == null) {
      return List.of();
    }
    Predicate<String[]> match = matcher(query);
    return e.branches().values().stream()
        .filter(b -> match.test(new String[] {b.code(), b.name(), b.kana(), b.hira(), b.roma()}))
        .sorted(Comparator.comparing(Branch::code))
        .limit(limit)
        .toList();
  }

  /**
   * Code prefix, or a part of the name as typed: NFKC (full-width digits, half-width kana), any
   * case; katakana also matches the list's hiragana reading and the other way round.
   */
  private static Predicate<String[]> matcher(String query) {
    String q = normal(query);
    if (q.isEmpty()) {
      return fields -> true;
    }
    String hira = toHiragana(q);
    return f ->
        f[0].startsWith(q)
            || normal(f[1]).contains(q)
            || normal(f[2]).contains(q)
            || f[3].contains(hira)
            || f[4].contains(q);
  }

  /** NFKC (the list writes 三菱ＵＦＪ in full-width letters), lower case, no spaces at the ends. */
  private static String normal(String s) {
    return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC)
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String toHiragana(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c));
    return b.toString();
  }

  private static Map<String, Entry> data() {
    Map<String, Entry> d = banks;
    if (d == null) {
      synchronized (ZenginCodes.class) {
        d = banks;
        if (d == null) {
          d = load();
          banks = d;
        }
      }
    }
    return d;
  }

  /** The package's file is a CommonJS module, {@code module.exports = {...};}: its object. */
  private static Map<String, Entry> load() {
    String text;
    try (InputStream in = ZenginCodes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing: ejb-ledger's build fetches it with npm (zengin-code)");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String json = text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1);
    Map<String, Entry> result = new HashMap<>(2048);
    try (JsonParser p = Json.createParser(new StringReader(json))) {
      p.next(); // the outer object
      while (p.hasNext()) {
        if (p.next() != JsonParser.Event.KEY_NAME) {
          break; // the outer object's end
        }
        p.next();
        JsonObject o = p.getObject();
        Bank bank = new Bank(s(o, "code"), s(o, "name"), s(o, "kana"), s(o, "hira"), s(o, "roma"));
        Map<String, Branch> branches = new HashMap<>();
        JsonObject bs = o.getJsonObject("branches");
        if (bs != null) {
          for (String key : bs.keySet()) {
            JsonObject b = bs.getJsonObject(key);
            branches.put(
                s(b, "code"),
                new Branch(s(b, "code"), s(b, "name"), s(b, "kana"), s(b, "hira"), s(b, "roma")));
          }
        }
        result.put(bank.code(), new Entry(bank, Map.copyOf(branches)));
      }
    }
    if (result.size() < 100) {
      throw new IllegalStateException("the Zengin code list has only " + result.size() + " banks");
    }
    return Map.copyOf(result);
  }

  private static String s(JsonObject o, String key) {
    return o.containsKey(key) && !o.isNull(key) ? o.getString(key) : "";
  }
}
