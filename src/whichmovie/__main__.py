from whichmovie.cli import main

main()
