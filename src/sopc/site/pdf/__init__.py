"""site/pdf"""
