Hello ${displayName},

your Meridian account is ready. Sign in with the address this mail was sent to.

<#if link??>
To confirm that this address is yours, open this link:

${link}

It works once, until ${linkExpiresAt}.

</#if>
If you did not register, you can ignore this mail: nobody can sign in without the password you chose.

-- 
Meridian
