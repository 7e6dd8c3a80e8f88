-- #11 review finding 1 (R-61, R-62): a mail carrying a secret (temporary passwords, a correction
-- link's token) keeps its body only until it is delivered (or its secret is stale); then the body
-- is replaced, so the outbox never keeps a working secret in clear.
ALTER TABLE mail_outbox ADD COLUMN secret BOOLEAN DEFAULT FALSE NOT NULL;

-- Mails of that kind written before this column: the approval mail (its logins and temporary
-- passwords, with the merchant portal's login link) and the correction mail (its token link).
UPDATE mail_outbox SET secret = TRUE
 WHERE body LIKE '%/merchant/login.xhtml%' OR body LIKE '%/merchant/apply.xhtml?correction=%';
UPDATE mail_outbox SET body = '(removed after delivery: it held a password or a one-time link)'
 WHERE secret = TRUE AND sent_at IS NOT NULL;
