Your Meridian password was changed
