"""The Teams app package: manifest template, icons, and the script that checks and zips them."""
