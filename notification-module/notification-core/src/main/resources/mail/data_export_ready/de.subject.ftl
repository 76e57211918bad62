Ihr Meridian-Datenexport ist fertig
