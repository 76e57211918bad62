Hallo,

jemand hat einen neuen Link angefordert, der bestätigt, dass diese Adresse zu ihrem Meridian-Konto gehört. Öffnen
Sie ihn zur Bestätigung:

${link}

Er funktioniert einmal, bis ${linkExpiresAt}. Eine neue Anfrage macht ihn ungültig.

Wenn Sie das nicht waren, können Sie diese Mail ignorieren.

-- 
Meridian
