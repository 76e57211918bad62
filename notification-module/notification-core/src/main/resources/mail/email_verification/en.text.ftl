Hello,

someone asked for a new link to confirm that this address belongs to its Meridian account. Open it to confirm:

${link}

It works once, until ${linkExpiresAt}. Asking again makes it stop working.

If you did not ask, you can ignore this mail.

-- 
Meridian
