"""Improvement goals: what a region, district or school aims for, and the published rule that
says whether its walkthroughs are on the path to it (no I/O)."""
