"""Fictional demo data on top of the domain apps: people, accounts, meetings and cases.

It imports the domain apps and their services; nothing imports it. Every row is created through
the services, with the moment of action passed in, so the demo reads like a real year."""
