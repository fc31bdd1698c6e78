"""The Qt window. Widgets call services in ``fedclient.core``; they never keep a database session."""
