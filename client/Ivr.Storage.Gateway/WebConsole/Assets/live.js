// live page script
