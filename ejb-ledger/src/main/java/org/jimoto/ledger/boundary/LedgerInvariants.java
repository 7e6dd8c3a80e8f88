package org.jimoto.ledger.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Checks the ledger's invariants over the whole database; every integration test and benchmark ends
 * with it, and the admin portal can run it. Each check is a query that must return 0.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LedgerInvariants {

  /** The outcome: the names of the checks that failed, with how many rows broke each. */
  public record Report(List<String> violations, long transfers, long wallets) {
    public boolean ok() {
      return violations.isEmpty();
    }

    @Override
    public String toString() {
      return ok()
          ? "invariants=OK (" + transfers + " transfers, " + wallets + " wallets)"
          : "invariants=FAILED " + violations;
    }
  }

  private static final String[][] CHECKS = {
    {
      "a transfer moves value between accounts of its own service (per-service sums are zero)",
      "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
          + " JOIN account k ON k.id = t.credit_account_id"
          + " WHERE d.service_id <> t.service_id OR k.service_id <> t.service_id"
          + " OR t.amount_yen <= 0"
    },
    {
      "every wallet balance equals the sum of its open lots",
      "SELECT COUNT(*) FROM wallet w WHERE w.balance_yen <> COALESCE((SELECT SUM(l.remaining_yen)"
          + " FROM value_lot l WHERE l.account_id = w.account_id), 0)"
    },
    {
      "every wallet balance equals its credits minus its debits",
      "SELECT COUNT(*) FROM wallet w LEFT JOIN (SELECT account_id, SUM(delta) AS net FROM"
          + " (SELECT credit_account_id AS account_id, amount_yen AS delta FROM transfer"
          + " UNION ALL SELECT debit_account_id, -amount_yen FROM transfer) m"
          + " GROUP BY account_id) n ON n.account_id = w.account_id"
          + " WHERE w.balance_yen <> COALESCE(n.net, 0)"
    },
    {"no wallet balance is negative", "SELECT COUNT(*) FROM wallet WHERE balance_yen < 0"},
    {
      "no lot holds more than it was created with, or less than nothing",
      "SELECT COUNT(*) FROM value_lot WHERE remaining_yen < 0 OR remaining_yen > amount_yen"
    },
    {
      "what a wallet debit took from lots equals its amount",
      "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
          + " WHERE d.kind = 'WALLET' AND t.amount_yen <> COALESCE((SELECT SUM(a.amount_yen)"
          + " FROM lot_allocation a WHERE a.transfer_id = t.id), 0)"
    },
    {
      "every credit to a wallet is a new lot of its amount, or gives lots back by its amount",
      "SELECT COUNT(*) FROM transfer t JOIN account k ON k.id = t.credit_account_id"
          + " LEFT JOIN (SELECT origin_transfer_id AS tid, SUM(amount_yen) AS s FROM value_lot"
          + " GROUP BY origin_transfer_id) l ON l.tid = t.id"
          + " LEFT JOIN (SELECT transfer_id AS tid, SUM(amount_yen) AS s FROM lot_allocation"
          + " GROUP BY transfer_id) a ON a.tid = t.id"
          + " WHERE k.kind = 'WALLET' AND t.amount_yen <> COALESCE(l.s, 0) + COALESCE(a.s, 0)"
    },
    {
      // lot by lot, a use-cancel gives back what its original took, no more, no other lot.
      "a cancellation gives back exactly the lots its original took",
      "SELECT COUNT(*) FROM transfer c JOIN lot_allocation ca ON ca.transfer_id = c.id"
          + " LEFT JOIN lot_allocation oa ON oa.transfer_id = c.target_transfer_id"
          + " AND oa.lot_id = ca.lot_id WHERE c.operation = 'USE_CANCEL'"
          + " AND (oa.lot_id IS NULL OR oa.amount_yen <> ca.amount_yen)"
    },
    {
      "every cancellation references an original that is marked cancelled and is no cancellation",
      "SELECT COUNT(*) FROM transfer c LEFT JOIN transfer o ON o.id = c.target_transfer_id"
          + " WHERE c.operation IN ('USE_CANCEL', 'GRANT_CANCEL') AND (o.id IS NULL"
          + " OR o.status <> 2 OR o.operation IN ('USE_CANCEL', 'GRANT_CANCEL')"
          + " OR o.amount_yen <> c.amount_yen OR o.service_id <> c.service_id)"
    },
    {
      "every cancelled original has exactly one cancellation, and nothing else has one;"
          + " a cancellation has status 2 and is never itself cancelled",
      "SELECT COUNT(*) FROM transfer o LEFT JOIN (SELECT target_transfer_id, COUNT(*) AS n"
          + " FROM transfer WHERE target_transfer_id IS NOT NULL GROUP BY target_transfer_id) c"
          + " ON c.target_transfer_id = o.id WHERE (o.operation IN ('USE_CANCEL', 'GRANT_CANCEL')"
          + " AND (COALESCE(c.n, 0) <> 0 OR o.status <> 2))"
          + " OR (o.operation NOT IN ('USE_CANCEL', 'GRANT_CANCEL')"
          + " AND ((o.status = 2) <> (COALESCE(c.n, 0) = 1) OR COALESCE(c.n, 0) > 1))"
    },
    {
      // a card migration passes every yen it takes from the card on to the app wallet.
      "the card-migration account nets to zero in every journal entry",
      "SELECT COUNT(*) FROM (SELECT t.entry_id, SUM(CASE WHEN k.kind = 'CARD_MIGRATION'"
          + " THEN t.amount_yen ELSE 0 END) - SUM(CASE WHEN d.kind = 'CARD_MIGRATION'"
          + " THEN t.amount_yen ELSE 0 END) AS net FROM transfer t"
          + " JOIN account d ON d.id = t.debit_account_id"
          + " JOIN account k ON k.id = t.credit_account_id"
          + " WHERE d.kind = 'CARD_MIGRATION' OR k.kind = 'CARD_MIGRATION'"
          + " GROUP BY t.entry_id) e WHERE e.net <> 0"
    },
    {
      // closed dues leave the payable only when the bank paid them; a failed one
      // stays until its carried-over line is paid (a CARRIED_OVER line counts in its new line).
      "each service's settlement payable equals its DUE and FAILED settlement lines",
      // one pass over the transfers (the payable accounts are a handful of rows)
      "SELECT COUNT(*) FROM value_service v LEFT JOIN (SELECT k.service_id AS sid,"
          + " SUM(CASE WHEN k.id = t.credit_account_id THEN t.amount_yen ELSE -t.amount_yen END)"
          + " AS net FROM transfer t JOIN account k ON k.kind = 'SETTLEMENT_PAYABLE'"
          + " AND (k.id = t.credit_account_id OR k.id = t.debit_account_id)"
          + " GROUP BY k.service_id) p ON p.sid = v.id LEFT JOIN (SELECT r.service_id AS sid,"
          + " SUM(l.net_due_yen) AS due FROM settlement_line l JOIN settlement_run r"
          + " ON r.id = l.run_id WHERE l.payout_state IN ('DUE', 'FAILED')"
          + " GROUP BY r.service_id) d ON d.sid = v.id"
          + " WHERE COALESCE(p.net, 0) <> COALESCE(d.due, 0)"
    },
    {
      "a payment's amount equals its legs, and its status matches them",
      "SELECT COUNT(*) FROM payment p WHERE p.amount_yen <> (SELECT COALESCE(SUM(t.amount_yen), 0)"
          + " FROM transfer t WHERE t.entry_id = p.entry_id) OR (p.status = 'CANCELLED') <>"
          + " (p.cancel_entry_id IS NOT NULL) OR EXISTS (SELECT 1 FROM transfer t WHERE"
          + " t.entry_id = p.entry_id AND t.status <> CASE p.status WHEN 'CANCELLED' THEN 2 ELSE 1 END)"
    },
  };

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  public Report check() {
    List<String> violations = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String[] check : CHECKS) {
        long broken = count(s, check[1]);
        if (broken != 0) {
          violations.add(check[0] + ": " + broken);
        }
      }
      return new Report(
          violations,
          count(s, "SELECT COUNT(*) FROM transfer"),
          count(s, "SELECT COUNT(*) FROM wallet"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
