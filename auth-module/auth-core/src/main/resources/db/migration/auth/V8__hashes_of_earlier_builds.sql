-- Password hashes made before Argon2id (PBKDF2), replaced one by one as their owners sign in. A sign-in that is
-- refused asks whether any remain (its answer is then held as long as verifying one takes), so that question must
-- cost nothing however many accounts there are: this index holds only those hashes, and is empty once they are gone.
create index credentials_of_earlier_builds on auth.credentials (user_id) where password_hash not like '$argon2id$%';
