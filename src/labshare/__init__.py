"""labshare: the software of a district shared instrument cloud (共享设备云平台)."""
