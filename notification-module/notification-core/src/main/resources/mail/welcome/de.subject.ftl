Willkommen bei Meridian, ${displayName}
