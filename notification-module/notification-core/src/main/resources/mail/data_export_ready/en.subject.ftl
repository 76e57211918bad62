Your Meridian data export is ready
