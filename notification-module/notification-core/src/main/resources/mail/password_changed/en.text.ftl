Hello,

the password of your Meridian account was just reset, and every session was signed out.

If that was not you, reset your password again at once and tell us: someone can read your mail.

-- 
Meridian
