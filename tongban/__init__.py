"""tongban (通办): the command line and the assembly of the platform's parts."""
