"""The anonymizer's rules: pure functions and values, no I/O, clock or randomness.

`anonymization` turns a raw walkthrough into its anonymized payload; `pseudonyms` are the keyed
HMACs it is built from; `keys` are the per-district, per-school-year keys those HMACs use.
"""
