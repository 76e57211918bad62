Hallo,

das Passwort Ihres Meridian-Kontos wurde soeben zurückgesetzt, und alle Sitzungen wurden abgemeldet.

Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort erneut zurück und sagen Sie es uns: Jemand kann Ihre Mails
lesen.

-- 
Meridian
