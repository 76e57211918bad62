Hallo,

jemand möchte das Passwort des Meridian-Kontos mit dieser Adresse zurücksetzen. Ein neues Passwort wählen Sie
über diesen Link:

${link}

Er funktioniert einmal, bis ${linkExpiresAt}. Eine neue Anfrage macht ihn ungültig.

Wenn Sie das nicht waren, können Sie diese Mail ignorieren: Ihr Passwort bleibt, wie es ist.

-- 
Meridian
