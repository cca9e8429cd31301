// Exam details: copy a student's personal link.
for (const button of document.querySelectorAll('button.copy-link')) {
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(button.dataset.link);
            button.textContent = 'Copied';
        } catch {
            // Clipboard access can be refused; selecting the text lets the teacher copy by hand.
            button.closest('td').querySelector('input.link').select();
            button.textContent = 'Press Ctrl+C';
        }
        setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
}
