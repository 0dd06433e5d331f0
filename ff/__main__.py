from ff.cli import main

main()
