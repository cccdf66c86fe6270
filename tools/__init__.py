"""Developer tooling kept out of the installed package: the browser driver and screenshots."""
