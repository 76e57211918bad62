Hallo ${displayName},

Ihr Meridian-Konto ist bereit. Melden Sie sich mit der Adresse an, an die diese Mail ging.

<#if link??>
Bestätigen Sie über diesen Link, dass die Adresse Ihnen gehört:

${link}

Er funktioniert einmal, bis ${linkExpiresAt}.

</#if>
Wenn Sie sich nicht registriert haben, können Sie diese Mail ignorieren: ohne das gewählte Passwort kann sich
niemand anmelden.

-- 
Meridian
