-- Secrets every server of a city shares through the database, created by the first server that
-- needs one: 'known-device' signs the cookie that vouches a device has logged in to a name before
-- (#8 finding 4: the growing delay for a name under attack does not apply to its known devices).
CREATE TABLE platform_secret (
  name VARCHAR(64) PRIMARY KEY,
  secret VARCHAR(128) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
