Adresse für Meridian bestätigen
