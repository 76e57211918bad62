-- Signing keys rotate: each has an id that grows with every key (its successor is id + 1) and a kid, the RFC 7638
-- thumbprint of its public key, which every token it signs names. The private key is kept wrapped by the
-- key-encryption key, which is never in the database (kek_id names it); a row without kek_id is the key kept in
-- the clear before keys were wrapped, which the server wraps at start-up.
alter table ${flyway:defaultSchema}.signing_keys drop constraint signing_keys_id_check;
alter table ${flyway:defaultSchema}.signing_keys add column kid text;
alter table ${flyway:defaultSchema}.signing_keys add column kek_id text;
