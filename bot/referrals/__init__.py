"""Referrals to Safer Neighbourhood Teams: stored durably, emailed to the team, quoted by reference."""
