Hello,

someone asked to reset the password of the Meridian account with this address. To choose a new password, open
this link:

${link}

It works once, until ${linkExpiresAt}. Asking again makes it stop working.

If you did not ask, you can ignore this mail: your password stays as it is.

-- 
Meridian
