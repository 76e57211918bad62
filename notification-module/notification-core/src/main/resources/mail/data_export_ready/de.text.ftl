Hallo,

der Export aller Daten, die Meridian über Sie speichert, ist fertig. Sie laden ihn angemeldet mit Ihrem Konto
herunter:

${link}

Er wird am ${linkExpiresAt} gelöscht; einen neuen können Sie jederzeit anfordern.

-- 
Meridian
