"""rules/_lib"""
