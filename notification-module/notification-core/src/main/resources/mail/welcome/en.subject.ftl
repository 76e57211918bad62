Welcome to Meridian, ${displayName}
