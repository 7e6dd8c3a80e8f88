-- R-12, R-83: what each grant_request key granted (SHA-256 of the normalised member, service,
-- amount and expiry), so that a grant id reused for a different grant is refused as a conflict
-- instead of being skipped silently. NULL for grants made before this column: taken as the same.
ALTER TABLE grant_request ADD COLUMN content_hash VARCHAR(64);
