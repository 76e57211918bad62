Hallo ${displayName},

Ihr Meridian-Konto ist bereit. Melden Sie sich mit der Adresse an, an die diese Mail ging.

Wenn Sie sich nicht registriert haben, können Sie diese Mail ignorieren: ohne das gewählte Passwort kann sich
niemand anmelden.

-- 
Meridian
