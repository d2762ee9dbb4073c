"""Scrutiny of the Police and Crime Plan: the plan as data, quarterly returns, money, charts."""
