Hello,

the export of everything Meridian holds about you is ready. Download it while signed in to your account:

${link}

It is deleted on ${linkExpiresAt}; you can ask for a new one at any time.

-- 
Meridian
