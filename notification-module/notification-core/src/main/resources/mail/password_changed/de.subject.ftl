Ihr Meridian-Passwort wurde geändert
