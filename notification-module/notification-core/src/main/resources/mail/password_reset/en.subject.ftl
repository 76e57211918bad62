Reset your Meridian password
