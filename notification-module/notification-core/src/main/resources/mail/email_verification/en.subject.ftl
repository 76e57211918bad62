Confirm your address for Meridian
