"""Complaints are not in the admin: they are seen only through the access policy's own pages,
where every view is logged. (A superuser administers grants through the case pages' services.)"""
